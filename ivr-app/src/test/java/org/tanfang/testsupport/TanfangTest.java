package org.tanfang.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application on a real embedded PostgreSQL and a real HTTP port, shared by all tests that use
 * this annotation (one Spring context, cached). Do not add {@code @TestPropertySource},
 * {@code @MockitoBean} or other context customisations to a test: each starts a second context with
 * a database of its own. Set per test what differs through a bean of this context (the clock,
 * {@link ReplyLanguageSwitch}, the simulator's callees).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // The configured Vosk models, which application-test.properties turns off for the other
    // applications tests start (each would read the model again, in the background).
    properties = {
      "tanfang.speech.models.cmn=${TANFANG_VOSK_MODEL_ZH:}",
      "tanfang.speech.models.en=${TANFANG_VOSK_MODEL_EN:}"
    })
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({
  TestClockConfig.class,
  TelephonyEvents.class,
  ReplyLanguageSwitch.class,
  DatabaseLink.class,
  SharedClassifier.class
})
public @interface TanfangTest {}
