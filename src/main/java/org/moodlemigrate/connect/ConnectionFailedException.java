package org.moodlemigrate.connect;

/**
 * A server could not be reached or refused the login. The message names the endpoint, no secret.
 */
public final class ConnectionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConnectionFailedException(Endpoint endpoint, String reason) {
    super("cannot connect to " + endpoint.describe() + ": " + reason);
  }
}
