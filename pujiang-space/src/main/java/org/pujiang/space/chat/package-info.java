/** Cleaning and length rules for text people type: chat lines and display names. */
package org.pujiang.space.chat;
