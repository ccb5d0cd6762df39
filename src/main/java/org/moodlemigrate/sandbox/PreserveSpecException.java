package org.moodlemigrate.sandbox;

/** A {@code --preserve} spec that cannot be parsed: the message names it and says why. */
public final class PreserveSpecException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String spec;

  PreserveSpecException(String spec, String reason) {
    super(
        "Bad preserve spec '"
            + spec
            + "': "
            + reason
            + ". Expected "
            + PreserveSpec.FORM
            + ", e.g. config:name=smtphosts,noreplyaddress,*_apikey");
    this.spec = spec;
  }

  /** The spec as given. */
  public String spec() {
    return spec;
  }
}
