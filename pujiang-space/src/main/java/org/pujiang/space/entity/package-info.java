/** Entities of one space in structure-of-arrays form, their kinds, change masks and read-only views. */
package org.pujiang.space.entity;
