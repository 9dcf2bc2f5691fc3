/** Daily call windows and the quiet hours no configuration can override. */
package org.tanfang.scheduler.window;
