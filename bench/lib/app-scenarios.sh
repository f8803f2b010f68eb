# shellcheck shell=bash
# The HTTP scenarios of an Eventual and a Strong counter-app, shared by the main run and the comparisons:
# the no-op floor, (the reads,) and the four increment scenarios.

declare -A APP_FIRST APP_LAST APP_FLOOR

# Creates USERS users in each app and JIT-warms every request shape app_scenarios times on them.
prepare_app_pair() { # eventual app, strong app
  local e=$1 s=$2 ids
  ids=$(create_users "$e" "$USERS"); read -r "APP_FIRST[$e]" "APP_LAST[$e]" <<<"$ids"
  ids=$(create_users "$s" "$USERS"); read -r "APP_FIRST[$s]" "APP_LAST[$s]" <<<"$ids"
  APP_FLOOR[$e]=$(floor_path "$e")
  jit_warmup "$e" "GET:${APP_FLOOR[$e]}:0:0" "GET:/api/v1/users/{id}/count:${APP_FIRST[$e]}:${APP_LAST[$e]}" \
    "PUT:/api/v1/users/{id}/increment:${APP_FIRST[$e]}:${APP_LAST[$e]}" \
    "PUT:/api/v1/users/{id}/increment:${APP_FIRST[$e]}:${APP_FIRST[$e]}"
  jit_warmup "$s" "PUT:/api/v1/users/{id}/increment:${APP_FIRST[$s]}:${APP_LAST[$s]}" \
    "PUT:/api/v1/users/{id}/increment:${APP_FIRST[$s]}:${APP_FIRST[$s]}"
}

# Each scenario records one row in $RESULTS_TSV; with "with-reads" the read scenario runs after the floor.
app_scenarios() { # eventual app, strong app, [with-reads]
  local e=$1 s=$2 increment="/api/v1/users/{id}/increment" floor_note="GET ${APP_FLOOR[$1]}"
  [ "${APP_FLOOR[$e]}" = /api/v1/noop ] || floor_note="GET ${APP_FLOOR[$e]} (the app has no /api/v1/noop yet)"
  http_scenario "no-op floor" "$e" GET "${APP_FLOOR[$e]}" 0 0 "$floor_note"
  if [ "${3:-}" = with-reads ]; then
    http_scenario "reads, many users" "$e" GET "/api/v1/users/{id}/count" "${APP_FIRST[$e]}" "${APP_LAST[$e]}" "$USERS users, cache hits"
  fi
  http_scenario "Eventual increment, many users" "$e" PUT "$increment" "${APP_FIRST[$e]}" "${APP_LAST[$e]}" "$USERS users"
  http_scenario "Eventual increment, hot user" "$e" PUT "$increment" "${APP_FIRST[$e]}" "${APP_FIRST[$e]}" "user ${APP_FIRST[$e]}"
  http_scenario "Strong increment, many users" "$s" PUT "$increment" "${APP_FIRST[$s]}" "${APP_LAST[$s]}" "$USERS users"
  http_scenario "Strong increment, hot user" "$s" PUT "$increment" "${APP_FIRST[$s]}" "${APP_FIRST[$s]}" "user ${APP_FIRST[$s]}"
}
