-- What an Idempotency-Key holds, included by the scripts that read or write one: 'reserved <token>' while
-- a Strong request commits under the key, then '<by>:<value>', the first answer, which every retry gets.
-- Written here only, in Lua, because add-pending.lua records a value it computes inside Redis.
local RESERVATION_PREFIX = 'reserved '

local function reservation_record(token)
  return RESERVATION_PREFIX .. token
end

local function is_reservation(record)
  return string.sub(record, 1, #RESERVATION_PREFIX) == RESERVATION_PREFIX
end

local function answer_record(by, value)
  return by .. ':' .. value
end

-- by, value of an answer record
local function read_answer(record)
  local sep = string.find(record, ':', 1, true)
  return tonumber(string.sub(record, 1, sep - 1)), tonumber(string.sub(record, sep + 1))
end
