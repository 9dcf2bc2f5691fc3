/** Who is due for a visit and when. */
package org.tanfang.scheduler;
