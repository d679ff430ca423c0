-- Published virtual phone images. The chunks live in the chunk store under DATA/images/store and
-- each version's .caibx index under DATA/images/indexes; a row exists once every chunk is stored
-- and the payload digest has been checked, so a published version is always complete.
CREATE TABLE images (
    name          VARCHAR(100) NOT NULL,
    version       VARCHAR(64) NOT NULL,
    serial        BIGINT NOT NULL UNIQUE,
    size          BIGINT NOT NULL,
    digest        VARCHAR(64) NOT NULL,
    index_digest  VARCHAR(64) NOT NULL,
    chunks        INTEGER NOT NULL,
    manifest      VARCHAR(8000) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(64) NOT NULL,
    PRIMARY KEY (name, version)
);

-- Set when an admin points a group at an older image than it had: its devices are then given a
-- manifest that carries the signed permission to go back.
ALTER TABLE business_groups ADD COLUMN image_rollback BOOLEAN NOT NULL DEFAULT FALSE;
