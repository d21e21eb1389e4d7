/**
 * The versions of a data set as ingest records them ({@link
 * io.trainyard.ingest.versions.DatasetRecord}) and the port of their store ({@link
 * io.trainyard.ingest.versions.DatasetRepository}).
 */
package io.trainyard.ingest.versions;
