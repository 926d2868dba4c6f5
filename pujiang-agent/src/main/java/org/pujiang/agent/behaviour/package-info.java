/**
 * A digital human's behaviour in a space: {@link org.pujiang.agent.behaviour.AgentBrain} perceives the space
 * as a client does and acts through space commands, on the space's tick thread. Questions go to an
 * {@link org.pujiang.agent.behaviour.Answerer} that runs elsewhere; its answers come back through a mailbox.
 */
package org.pujiang.agent.behaviour;
