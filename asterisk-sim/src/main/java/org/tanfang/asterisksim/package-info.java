/** A protocol-level stand-in for Asterisk. */
package org.tanfang.asterisksim;
