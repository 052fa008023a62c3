-- The leader's fence: the instance that takes the leader lock bumps `epoch`, and every load
-- transaction first touches this row with the epoch it was given (the row lock orders it with
-- the bump). A load of an instance that lost the lock finds another epoch and rolls back, so no
-- write of a deposed leader ever commits after its successor began.
CREATE TABLE leader_epoch (
    id     INT          NOT NULL PRIMARY KEY,
    epoch  BIGINT       NOT NULL,
    holder VARCHAR(255),
    loads  BIGINT       NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO leader_epoch (id, epoch) VALUES (1, 0);
