package org.moodlemigrate.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that needs the real Moodle fixtures ({@link Fixtures}). Where they are missing it is
 * reported as skipped, with where they were looked for and how to point at them; under {@code
 * CI=true} a missing fixture fails the class instead, since CI must never pass by not testing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FixturesCondition.class)
public @interface RequiresFixtures {}
