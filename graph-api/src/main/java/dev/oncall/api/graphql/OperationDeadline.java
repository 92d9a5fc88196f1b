package dev.oncall.api.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stops a query or mutation that runs past {@code oncall.api.operation-timeout}: at the deadline
 * the execution is cancelled (graphql-java abandons what is left), no further field is fetched,
 * fields still being fetched are not waited for, and the answer is one {@link LimitExceeded#timeout}
 * error instead of data, at the deadline. A fetcher already running finishes on its own thread
 * (each is bounded: a page, a 400-day window); a mutation that had committed stays committed.
 *
 * <p>Subscriptions are long-lived by design and are not timed: each event is a small execution of
 * its own selection, and live streams are bounded by their per-connection and per-caller caps.
 *
 * <p>The deadline is in elapsed time ({@link System#nanoTime()}), like the HTTP server's own
 * timeouts: it bounds how long the server works, which the domain clock (frozen in tests, moved
 * by operators in drills) does not measure.
 */
final class OperationDeadline extends SimplePerformantInstrumentation implements AutoCloseable {
    private final Duration timeout;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("operation-deadline").factory());

    OperationDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * One operation's deadline. At it, the execution is cancelled and every field still being
     * fetched is answered with the timeout at once, so the response does not wait for them.
     */
    private final class State implements InstrumentationState {
        private final Set<CompletableFuture<Object>> pending = ConcurrentHashMap.newKeySet();
        private volatile boolean expired;
        private volatile ExecutionInput input;
        private volatile ScheduledFuture<?> alarm;

        void start(ExecutionInput input) {
            this.input = input;
            this.alarm = timer.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        boolean timed() {
            return alarm != null;
        }

        void expire() {
            expired = true;
            input.cancel();
            pending.forEach(f -> f.completeExceptionally(LimitExceeded.timeout(timeout)));
        }

        void finish() {
            if (alarm != null) {
                alarm.cancel(false);
            }
        }

        Object bound(Object value) {
            if (!(value instanceof CompletionStage<?> stage) || stage.toCompletableFuture().isDone()) {
                return value;
            }
            CompletableFuture<Object> bounded = new CompletableFuture<>();
            pending.add(bounded);
            stage.whenComplete((v, e) -> {
                if (e != null) {
                    bounded.completeExceptionally(e);
                } else {
                    bounded.complete(v);
                }
            });
            bounded.whenComplete((v, e) -> pending.remove(bounded));
            if (expired) {
                bounded.completeExceptionally(LimitExceeded.timeout(timeout));
            }
            return bounded;
        }
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return CompletableFuture.completedFuture(new State());
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                                                                         InstrumentationState rawState) {
        State state = (State) rawState;
        var context = parameters.getExecutionContext();
        if (context.getOperationDefinition().getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            return SimpleInstrumentationContext.noOp();
        }
        state.start(context.getExecutionInput());
        return SimpleInstrumentationContext.whenCompleted((result, error) -> state.finish());
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
                                                InstrumentationState rawState) {
        State state = (State) rawState;
        if (state == null || !state.timed()) {
            return fetcher;
        }
        return env -> {
            if (state.expired) {
                throw LimitExceeded.timeout(timeout);
            }
            return state.bound(fetcher.get(env));
        };
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                        InstrumentationExecutionParameters parameters,
                                                                        InstrumentationState rawState) {
        State state = (State) rawState;
        if (state != null) {
            state.finish();
            if (state.expired) {
                return CompletableFuture.completedFuture(ExecutionResult.newExecutionResult()
                        .errors(List.of(LimitExceeded.timeout(timeout).error())).build());
            }
        }
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
