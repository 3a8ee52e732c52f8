package io.github.aiobmp.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link HotPathBenchmark} on two threads sharing one holder (this machine has two cores). */
@Threads(2)
public class HotPath2Threads extends HotPathBenchmark {
}
