/** Spreading the first calls of a cycle evenly over the allowed call time. */
package org.tanfang.scheduler.plan;
