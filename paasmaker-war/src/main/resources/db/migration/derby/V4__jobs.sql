-- The job trees of every controller sharing the database, so that any of them answers for any job:
-- a row per tree holding it whole as JSON (as the engine's files did), with the controller that runs
-- it and the directory of its logs on that controller's machine; and the tree of each job, so that a
-- step is found by its id. The root's state is kept apart for the leader's question: which trees run.

CREATE TABLE PM_JOB_TREE (
    ROOT_ID VARCHAR(36) NOT NULL,
    REVISION BIGINT NOT NULL DEFAULT 0,
    CONTROLLER VARCHAR(200) NOT NULL,
    LOGS VARCHAR(1000) NOT NULL,
    STATE VARCHAR(20) NOT NULL,
    TREE CLOB(2147483647) NOT NULL,
    PRIMARY KEY (ROOT_ID));

CREATE INDEX PM_JOB_TREE_STATE ON PM_JOB_TREE (STATE);

CREATE TABLE PM_JOB (
    JOB_ID VARCHAR(36) NOT NULL,
    ROOT_ID VARCHAR(36) NOT NULL,
    PRIMARY KEY (JOB_ID));

CREATE INDEX PM_JOB_ROOT ON PM_JOB (ROOT_ID);

-- Each controller holds a lease on its own name ('controller:' and its name), which may be longer
-- than the controllers' lease's name.
ALTER TABLE PM_LEASE ALTER COLUMN NAME SET DATA TYPE VARCHAR(250);
