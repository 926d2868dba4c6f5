-- Shared objects of live spaces, saved by the node that runs the space whenever they change, and
-- restored when the space is next opened. Holders are not saved: after a restart every object is free.
CREATE TABLE space_objects (
    space_id   UUID NOT NULL REFERENCES spaces (id) ON DELETE CASCADE,
    object_id  BIGINT NOT NULL,
    name       VARCHAR(256) NOT NULL,
    x          DOUBLE PRECISION NOT NULL,
    y          DOUBLE PRECISION NOT NULL,
    z          DOUBLE PRECISION NOT NULL,
    yaw        DOUBLE PRECISION NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (space_id, object_id)
);
