package io.eventsync.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MediansTest {
  @Test
  void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
    double[] values = {9, 1, 5};

    assertThat(Medians.median(values)).isEqualTo(5);
    assertThat(values).containsExactly(9, 1, 5); // the caller's array is left as it was
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Medians.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }
}
