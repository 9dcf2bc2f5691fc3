/** The facts about an elder the policy needs: categories, disability, status, vulnerability. */
package org.tanfang.scheduler.elder;
