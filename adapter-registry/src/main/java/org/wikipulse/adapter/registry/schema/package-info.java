/**
 * The Avro schemas of wikipulse (the RecentChange input in two versions, the EditCount output) and
 * the mapping of a RecentChange record to the domain's {@link org.wikipulse.domain.EditEvent}.
 */
package org.wikipulse.adapter.registry.schema;
