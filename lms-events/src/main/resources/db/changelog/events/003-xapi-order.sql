--liquibase formatted sql

-- xAPI forwarding (ADR 0021) takes its consumer's pending tasks from the head of the queue, in
-- outbox order; this index serves that read.

--changeset lectern:events-003-consumer-task-order
CREATE INDEX consumer_task_consumer_order_idx ON events.consumer_task (consumer, event_sequence)
    WHERE status = 'pending';
