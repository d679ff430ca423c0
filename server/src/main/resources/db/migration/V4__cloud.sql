-- Cloud mode: users sign in to their own phone from a browser.

-- A user's sign-in secrets, as Argon2id hashes. The PIN is chosen by the user at the first
-- sign-in that needs one. Too many wrong passwords lock the account for a while; too many wrong
-- PINs lock it until an admin resets the PIN.
CREATE TABLE user_credentials (
    user_id          UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    password_hash    VARCHAR(200) NOT NULL,
    pin_hash         VARCHAR(200),
    failed_attempts  INT NOT NULL DEFAULT 0,
    pin_failures     INT NOT NULL DEFAULT 0,
    pin_locked       BOOLEAN NOT NULL DEFAULT FALSE,
    locked_until     TIMESTAMP WITH TIME ZONE,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Browser sessions, stored as digests of their cookies.
CREATE TABLE user_sessions (
    token_hash  VARCHAR(64) PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    address     VARCHAR(64)
);
CREATE INDEX user_sessions_user ON user_sessions(user_id);
