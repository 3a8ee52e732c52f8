package io.github.aiobmp.bench;

import org.openjdk.jmh.annotations.Threads;

/** {@link HotPathBenchmark} on one thread. */
@Threads(1)
public class HotPath1Thread extends HotPathBenchmark {
}
