/**
 * The wikipulse launcher: the {@code wikipulse} command line ({@code run}, {@code ingest}, {@code
 * consume}, {@code local}, {@code demo}), wiring a configured {@link
 * org.wikipulse.ports.PipelineSpec} to a runtime found through {@link java.util.ServiceLoader}.
 * Nothing here names a runtime adapter's classes.
 */
package org.wikipulse.app;
