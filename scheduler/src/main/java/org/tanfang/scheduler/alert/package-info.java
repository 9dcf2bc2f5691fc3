/** Weather alerts and the special rounds of calls they trigger. */
package org.tanfang.scheduler.alert;
