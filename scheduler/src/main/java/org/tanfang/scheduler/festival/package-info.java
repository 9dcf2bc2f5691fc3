/**
 * Traditional festivals, computed from the lunar calendar and solar terms, with greeting windows.
 */
package org.tanfang.scheduler.festival;
