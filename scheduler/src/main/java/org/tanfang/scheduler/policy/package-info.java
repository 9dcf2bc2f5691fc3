/** Who is visited, how often and how: the versioned city rule table and district tightening. */
package org.tanfang.scheduler.policy;
