package dev.handoff.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records the waits instead of sleeping, so retry tests take no time. */
public final class RecordingSleeper implements Sleeper {

    public final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        waits.add(duration);
    }
}
