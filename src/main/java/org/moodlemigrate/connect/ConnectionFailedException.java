package org.moodlemigrate.connect;

/**
 * A server could not be reached or refused the login.
 *
 * <p>The message is one line that an administrator can act on without the driver's documentation:
 * which side, the endpoint (host, port, database, user, never a password or driver parameter), the
 * cause in plain words and what to do about it, e.g. {@code cannot connect to the source
 * mysql://moodle@db.example.invalid:3306/moodle: the host name db.example.invalid is not known
 * (DNS); check the host in --source and this machine's name resolution}. {@link ConnectionFailure}
 * builds it from the driver's exception; the driver's own words go to the DEBUG log.
 */
public final class ConnectionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String side;
  private final ConnectionFailure.Cause failureCause;
  private final String problem;
  private final String fix;

  /**
   * @param endpoint where the tool tried to connect
   * @param cause the kind of failure
   * @param problem what went wrong, in words (no secret)
   * @param fix what to do about it
   */
  public ConnectionFailedException(
      Endpoint endpoint, ConnectionFailure.Cause cause, String problem, String fix) {
    super(
        "cannot connect to the "
            + ConnectionFailure.side(endpoint)
            + " "
            + endpoint.describe()
            + ": "
            + problem
            + "; "
            + fix);
    this.side = ConnectionFailure.side(endpoint);
    this.failureCause = cause;
    this.problem = problem;
    this.fix = fix;
  }

  /** {@code source} or {@code target}. */
  public String side() {
    return side;
  }

  /** The kind of failure: DNS, refused, timeout, TLS, authentication and so on. */
  public ConnectionFailure.Cause failureCause() {
    return failureCause;
  }

  /** What went wrong, without the endpoint. */
  public String problem() {
    return problem;
  }

  /** What to do about it. */
  public String fix() {
    return fix;
  }
}
