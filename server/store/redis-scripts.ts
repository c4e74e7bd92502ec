/**
 * Lua scripts of the Redis store. Each mutation is one script, so its check and its write are atomic
 * across server instances. Calling convention: ARGV[1] is the session's lifetime in seconds and ARGV[2]
 * how many of the leading KEYS belong to the session; the last KEY is always the session's key set
 * (`sessionKeys(code).keySet`); the script's own arguments start at ARGV[3]. `changed()` also counts one
 * session revision (KEYS[1] is always the meta hash).
 *
 * Expiry: every key of a session expires at the same instant. `refresh()` records each session key the
 * script names in the key set; when the set's deadline is more than REFRESH_SLACK_MS short of now + the
 * lifetime, every key in the set gets the new deadline (PEXPIREAT), else a key new to the set gets the
 * set's current deadline. So a change keeps the whole session (a run's points included) for the
 * lifetime give or take a minute, and streaming metrics do not rewrite hundreds of expiries per batch.
 * The set names keys that are not among the script's KEYS: they share the session's `{code}` hash slot.
 */
const PRELUDE = `
local REFRESH_SLACK_MS = 60000
local function refresh()
  local set = KEYS[#KEYS]
  local clock = redis.call('TIME')
  local deadline = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000) + tonumber(ARGV[1]) * 1000
  local current = redis.call('PEXPIRETIME', set)
  local added = {}
  for i = 1, tonumber(ARGV[2]) do
    if redis.call('EXISTS', KEYS[i]) == 1 and redis.call('SADD', set, KEYS[i]) == 1 then added[#added + 1] = KEYS[i] end
  end
  if current < deadline - REFRESH_SLACK_MS then
    for _, key in ipairs(redis.call('SMEMBERS', set)) do redis.call('PEXPIREAT', key, deadline) end
    redis.call('PEXPIREAT', set, deadline)
  else
    for _, key in ipairs(added) do redis.call('PEXPIREAT', key, current) end
  end
end
local function changed()
  redis.call('HINCRBY', KEYS[1], 'revision', 1)
  refresh()
end
`;

const script = (body: string) => PRELUDE + body;

/** KEYS: meta. ARGV[3..]: field, value pairs of the new meta hash. */
export const CREATE_SESSION = script(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
refresh()
return 1`);

/** KEYS: meta, participants, nicknames, kicked. ARGV: nickname key, participant id, participant JSON, max participants. */
export const ADD_PARTICIPANT = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 'not-found' end
if redis.call('HGET', KEYS[1], 'locked') == '1' then return 'locked' end
if redis.call('HLEN', KEYS[2]) - redis.call('SCARD', KEYS[4]) >= tonumber(ARGV[6]) then return 'full' end
if redis.call('HSETNX', KEYS[3], ARGV[3], ARGV[4]) == 0 then return 'nickname-taken' end
redis.call('HSET', KEYS[2], ARGV[4], ARGV[5])
changed()
return 'ok'`);

/** KEYS: meta, participants, kicked. ARGV: participant id. */
export const MARK_KICKED = script(`
if redis.call('HEXISTS', KEYS[2], ARGV[3]) == 0 then return 0 end
redis.call('SADD', KEYS[3], ARGV[3])
changed()
return 1`);

/** KEYS: meta, participants, nicknames, renames. ARGV: participant id, nickname, its key, previous key. */
export const RENAME_PARTICIPANT = script(`
if redis.call('HEXISTS', KEYS[2], ARGV[3]) == 0 then return 'not-found' end
local holder = redis.call('HGET', KEYS[3], ARGV[5])
if holder and holder ~= ARGV[3] then return 'nickname-taken' end
if ARGV[6] ~= ARGV[5] then redis.call('HDEL', KEYS[3], ARGV[6]) end
redis.call('HSET', KEYS[3], ARGV[5], ARGV[3])
redis.call('HSET', KEYS[4], ARGV[3], ARGV[4])
changed()
return 'ok'`);

/**
 * KEYS: meta. ARGV: '1' to refuse while a round runs, then field, value pairs.
 */
export const SET_META_FIELDS = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 'not-found' end
if ARGV[3] == '1' and redis.call('HGET', KEYS[1], 'roundStatus') == 'running' then return 'conflict' end
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
changed()
return 'ok'`);

/**
 * KEYS: meta, round challenges, test seeds, deadlines (not the session's). ARGV: startedAt, endsAt or '',
 * code, test seed. Records the challenge and the secret test seed the new round starts with under its index.
 */
export const START_ROUND = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 'not-found' end
if redis.call('HGET', KEYS[1], 'roundStatus') == 'running' then return 'conflict' end
local index = redis.call('HINCRBY', KEYS[1], 'roundIndex', 1)
redis.call('HSET', KEYS[1], 'roundStatus', 'running', 'roundStartedAt', ARGV[3], 'roundEndsAt', ARGV[4], 'roundEndedAt', '')
redis.call('HSET', KEYS[2], tostring(index), redis.call('HGET', KEYS[1], 'challenge'))
redis.call('HSET', KEYS[3], tostring(index), ARGV[6])
if ARGV[4] ~= '' then redis.call('ZADD', KEYS[4], ARGV[4], ARGV[5]) end
changed()
return 'ok'`);

/** KEYS: meta, deadlines (not the session's). ARGV: round index, endedAt, code. */
export const END_ROUND = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 'not-found' end
if redis.call('HGET', KEYS[1], 'roundIndex') ~= ARGV[3] or redis.call('HGET', KEYS[1], 'roundStatus') ~= 'running' then
  return 'conflict'
end
redis.call('HSET', KEYS[1], 'roundStatus', 'ended', 'roundEndedAt', ARGV[4])
redis.call('ZREM', KEYS[2], ARGV[5])
changed()
return 'ok'`);

/** KEYS: meta, runs, run state, run count. ARGV: round, run id, participant id, max runs, run JSON. */
export const CREATE_RUN = script(`
if redis.call('HGET', KEYS[1], 'roundStatus') ~= 'running' or redis.call('HGET', KEYS[1], 'roundIndex') ~= ARGV[3] then
  return 'round-not-running'
end
if redis.call('HEXISTS', KEYS[2], ARGV[4]) == 1 then return 'exists' end
if tonumber(redis.call('HGET', KEYS[4], ARGV[5]) or '0') >= tonumber(ARGV[6]) then return 'limit' end
redis.call('HINCRBY', KEYS[4], ARGV[5], 1)
redis.call('HSET', KEYS[2], ARGV[4], ARGV[7])
redis.call('HSET', KEYS[3], 'status', 'running', 'lastStep', '0', 'curvePoints', '0')
refresh()
return 'ok'`);

/**
 * KEYS: meta, run state, points. ARGV: run id, receivedAt, then per point five values:
 * seq, point JSON, step, validation loss or '', accuracy or ''. Follows lib/domain/run-points.ts: keeps
 * the run's last step, count of validation points, best (lowest) validation loss and best (highest)
 * accuracy, each first reached. Returns the 1-based positions in the batch of the points that were new.
 */
export const APPEND_POINTS = script(`
local stored = {}
if redis.call('EXISTS', KEYS[2]) == 0 then return stored end
local curvePoints = tonumber(redis.call('HGET', KEYS[2], 'curvePoints') or '0')
local lastStep = tonumber(redis.call('HGET', KEYS[2], 'lastStep') or '0')
local best = redis.call('HGET', KEYS[2], 'bestValLoss')
best = best and tonumber(best)
local bestAcc = redis.call('HGET', KEYS[2], 'bestAcc')
bestAcc = bestAcc and tonumber(bestAcc)
for i = 5, #ARGV, 5 do
  if redis.call('HSETNX', KEYS[3], ARGV[i], ARGV[i + 1]) == 1 then
    stored[#stored + 1] = (i - 5) / 5 + 1
    local step = tonumber(ARGV[i + 2])
    if step > lastStep then lastStep = step end
    if ARGV[i + 3] ~= '' then
      curvePoints = curvePoints + 1
      local loss = tonumber(ARGV[i + 3])
      if not best or loss < best then
        best = loss
        redis.call('HSET', KEYS[2], 'bestValLoss', ARGV[i + 3], 'bestAccuracy', ARGV[i + 4], 'bestStep', ARGV[i + 2], 'bestAt', ARGV[4])
      end
    end
    if ARGV[i + 4] ~= '' then
      local acc = tonumber(ARGV[i + 4])
      if not bestAcc or acc > bestAcc then
        bestAcc = acc
        redis.call('HSET', KEYS[2], 'bestAcc', ARGV[i + 4], 'bestAccStep', ARGV[i + 2], 'bestAccAt', ARGV[4])
      end
    end
  end
end
redis.call('HSET', KEYS[2], 'lastStep', tostring(lastStep), 'curvePoints', tostring(curvePoints))
refresh()
return stored`);

/** KEYS: meta, run state. ARGV: status. */
export const FINISH_RUN = script(`
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('HSET', KEYS[2], 'status', ARGV[3])
refresh()
return 1`);

/**
 * KEYS: meta, run state, weights, verification jobs (not the session's). ARGV: weights (base64), code, run
 * id, the pending verification JSON. Keeps the weights, marks the run pending and queues a job, unless the
 * run is missing, pending or done already.
 */
export const SUBMIT_WEIGHTS = script(`
if redis.call('EXISTS', KEYS[2]) == 0 then return 'not-found' end
local current = redis.call('HGET', KEYS[2], 'verified')
if current then
  local status = cjson.decode(current).status
  if status == 'done' or status == 'pending' then return status end
end
redis.call('SET', KEYS[3], ARGV[3])
redis.call('HSET', KEYS[2], 'verified', ARGV[6])
redis.call('XADD', KEYS[4], '*', 'code', ARGV[4], 'runId', ARGV[5])
refresh()
return 'queued'`);

/** KEYS: meta, run state, weights. ARGV: the verification JSON. Only a pending run's; drops its weights. */
export const COMPLETE_VERIFICATION = script(`
local current = redis.call('HGET', KEYS[2], 'verified')
if not current or cjson.decode(current).status ~= 'pending' then return 0 end
redis.call('HSET', KEYS[2], 'verified', ARGV[3])
redis.call('DEL', KEYS[3])
refresh()
return 1`);

/** KEYS: meta, text, text ids. ARGV: the text, its id, max texts. */
export const PUT_TEXT = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 'not-found' end
if redis.call('SISMEMBER', KEYS[3], ARGV[4]) == 0 and redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[5]) then
  return 'full'
end
redis.call('SADD', KEYS[3], ARGV[4])
redis.call('SET', KEYS[2], ARGV[3])
refresh()
return 'ok'`);

/** KEYS: meta, review keys. ARGV: key hash, its JSON. Not a visible change: no revision. */
export const ADD_REVIEW_KEY = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
refresh()
return 1`);

/** KEYS: meta, review keys. */
export const REVOKE_REVIEW_KEYS = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('DEL', KEYS[2])
refresh()
return 1`);

/**
 * KEYS: meta, then the session's keys that every session may have, then deadlines (not the
 * session's). ARGV: code. Deletes every key in the key set, the named ones (kept by servers from before
 * the key set), and the session's deadline.
 */
export const DELETE_SESSION = script(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for _, key in ipairs(redis.call('SMEMBERS', KEYS[#KEYS])) do redis.call('DEL', key) end
for i = 1, tonumber(ARGV[2]) do redis.call('DEL', KEYS[i]) end
redis.call('DEL', KEYS[#KEYS])
redis.call('ZREM', KEYS[#KEYS - 1], ARGV[3])
return 1`);
