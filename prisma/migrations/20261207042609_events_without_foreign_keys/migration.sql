-- DropForeignKey
ALTER TABLE "events" DROP CONSTRAINT "events_appId_fkey";

-- DropForeignKey
ALTER TABLE "events" DROP CONSTRAINT "events_subscriberId_fkey";

-- What the cascades did: deleting apps or subscribers deletes their events,
-- in the deleting statement's transaction. Events stored meanwhile cannot
-- slip past: the statement that stores them holds a key-share lock on their
-- app and subscribers until it commits (lib/events/store-events.ts), so a
-- delete waits for it, and the delete below runs with a snapshot taken after.
CREATE FUNCTION herald_delete_events_of_apps() RETURNS trigger AS $$
BEGIN
  DELETE FROM events WHERE "appId" IN (SELECT id FROM gone);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER apps_delete_events
  AFTER DELETE ON apps REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION herald_delete_events_of_apps();

CREATE FUNCTION herald_delete_events_of_subscribers() RETURNS trigger AS $$
BEGIN
  DELETE FROM events WHERE "subscriberId" IN (SELECT id FROM gone);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER subscribers_delete_events
  AFTER DELETE ON subscribers REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION herald_delete_events_of_subscribers();
