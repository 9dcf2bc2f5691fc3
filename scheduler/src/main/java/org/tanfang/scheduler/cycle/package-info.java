/** Half-month and month visit cycles in local (Haikou) time. */
package org.tanfang.scheduler.cycle;
