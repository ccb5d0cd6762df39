package org.moodlemigrate.connect;

/** What a pool's connections are used for; decides their session settings. */
public enum ConnectionRole {
  /** Reads from the source. Read-only at the server, so the run can never write to the source. */
  SOURCE_READ,
  /** Writes chunks into the target with COPY. */
  TARGET_WRITE,
  /** Catalog reads and the prepare/complete steps on either side, run by the driver. */
  ADMIN
}
