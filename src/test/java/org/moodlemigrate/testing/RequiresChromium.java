package org.moodlemigrate.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that looks at a page in headless Chromium ({@link Chromium}). Where no {@code chromium} is
 * installed it is reported as skipped, saying how to install it; under {@code CI=true} it fails
 * instead, since CI must never pass by not testing ({@code .ci/run} installs it).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ChromiumCondition.class)
public @interface RequiresChromium {}
