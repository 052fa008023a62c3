-- The leader's fence: the instance that takes the leader lock bumps `epoch`, and every load
-- transaction first touches this row with the epoch it was given. A load of an instance that
-- lost the lock (a standby took over and bumped it) finds another epoch and rolls back, so no
-- write of a deposed leader ever commits after its successor began.
CREATE TABLE leader_epoch (
    id     INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    epoch  INTEGER NOT NULL,
    holder TEXT,
    loads  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO leader_epoch (id, epoch) VALUES (1, 0);
