/**
 * Running Tanfang: settings checked at start-up, health, metrics. Depends on the features it
 * watches; none depends on it.
 */
package org.tanfang.operations;
