package org.tanfang.speech;

/**
 * The classifier the application builds ({@link IntentClassifier#loadDefault()}: the lexicons and
 * questions of the class path, a model per language trained on the development corpus), built once
 * per test JVM. Training is the costly part of the shared context's start-up and of every speech
 * test class that needs the classifier; they all read the same files, so they share one instance
 * (the shared context's bean included, {@code testsupport.SharedClassifier}). It is immutable.
 */
public final class TrainedClassifier {
  private TrainedClassifier() {}

  private static final class Once {
    static final IntentClassifier CLASSIFIER = IntentClassifier.loadDefault();
  }

  public static IntentClassifier get() {
    return Once.CLASSIFIER;
  }
}
