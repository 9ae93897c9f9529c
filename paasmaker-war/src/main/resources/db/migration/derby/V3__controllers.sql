-- What controllers sharing the database take in turn and advance together: the lease whose holder
-- runs the health rounds, the node watch and the crons, and the last slot handled per cron.
-- Expiry is the database's own time in milliseconds, so that controllers whose clocks differ agree.

CREATE TABLE PM_LEASE (
    NAME VARCHAR(63) NOT NULL,
    HOLDER VARCHAR(200) NOT NULL,
    EXPIRES_AT_MS BIGINT NOT NULL,
    TERM BIGINT NOT NULL,
    PRIMARY KEY (NAME));

CREATE TABLE PM_CRON_LEDGER (
    CRON_KEY VARCHAR(500) NOT NULL,
    LAST_HANDLED VARCHAR(40) NOT NULL,
    PRIMARY KEY (CRON_KEY));

-- The store's questions across applications (versions by state, the current ones, by package;
-- instances by state and by node) read these columns.
CREATE INDEX PM_VER_STATE ON PM_VERSION (STATE);
CREATE INDEX PM_VER_PACKAGE ON PM_VERSION (PACKAGE_CHECKSUM);
CREATE INDEX PM_INST_STATE ON PM_INSTANCE (STATE);
CREATE INDEX PM_INST_NODE ON PM_INSTANCE (NODE);
