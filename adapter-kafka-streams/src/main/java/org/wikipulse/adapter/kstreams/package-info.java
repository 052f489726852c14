/** Placeholder until this module's issue lands. */
package org.wikipulse.adapter.kstreams;
