/** What to do after a failed call: retry, try another number, give up, or hand to a person. */
package org.tanfang.scheduler.retry;
