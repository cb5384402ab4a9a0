#!/usr/bin/env bash
# Smoke-invokes a native step function as Lambda runs it: the bootstrap from its function.zip under the AWS Lambda
# Runtime Interface Emulator ($RIE), fed one events/ sample, against DynamoDB Local ($DYNAMODB_ENDPOINT), with the
# settings the function tests give it (functions/runtime LocalAws). Appends one Markdown table row to ROW_FILE:
#   cold start  emulator listening → first answer; the emulator starts the bootstrap on the first invoke, so this
#               is process start → first response
#   warm        a second invoke of the same sample
#   max RSS     the bootstrap's peak resident set (VmHWM) after both
# and fails when an answer is a Lambda error or does not satisfy EXPECT (a jq filter).
#   smoke-native.sh FUNCTION EVENT EXPECT ROW_FILE
#   smoke-native.sh --header      the table's header
set -euo pipefail

if [ "${1:-}" = "--header" ]; then
  echo "| function | event | cold start (ms) | warm invoke (ms) | max RSS (MiB) | function.zip (MiB) | result |"
  echo "|---|---|--:|--:|--:|--:|---|"
  exit 0
fi
usage="usage: smoke-native.sh FUNCTION EVENT EXPECT ROW_FILE"
fn=${1:?$usage}
event=${2:?$usage}
expect=${3:?$usage}
row=${4:?$usage}
: "${RIE:?RIE: the path of aws-lambda-rie}" "${DYNAMODB_ENDPOINT:?DYNAMODB_ENDPOINT: DynamoDB Local, e.g. http://127.0.0.1:8000}"
zip="functions/$fn/target/function.zip"
port=${RIE_PORT:-9000}

# LocalAws's settings. EventBridge and Scheduler point at a closed port: no sample here may need them.
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE="$DYNAMODB_ENDPOINT"
export QUARKUS_DYNAMODB_AWS_REGION=us-east-1
export QUARKUS_DYNAMODB_AWS_CREDENTIALS_TYPE=static
export QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID=local
export QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY=local
export RINGMASTER_TABLE=ringmaster RINGMASTER_AWS_REGION=us-east-1
export RINGMASTER_EVENTS_ENDPOINT=http://127.0.0.1:9 RINGMASTER_SCHEDULER_ENDPOINT=http://127.0.0.1:9
export RINGMASTER_SCHEDULER_FUNCTION_ARN=arn:aws:lambda:us-east-1:123456789012:function:ringmaster-evaluate-gates
export RINGMASTER_SCHEDULER_ROLE_ARN=arn:aws:iam::123456789012:role/ringmaster-scheduler
# The App Store sample's signature is made with this secret (events/README.md).
export RINGMASTER_WEBHOOK_SECRET_APPSTORE=ringmaster-sample-secret

if ! aws dynamodb describe-table --endpoint-url "$DYNAMODB_ENDPOINT" --table-name "$RINGMASTER_TABLE" >/dev/null 2>&1; then
  # The table as DynamoDbRolloutStore.createTable and the CDK stack make it.
  aws dynamodb create-table --endpoint-url "$DYNAMODB_ENDPOINT" --table-name "$RINGMASTER_TABLE" \
    --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=S \
    --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE \
    --billing-mode PAY_PER_REQUEST >/dev/null
fi

work=$(mktemp -d)
unzip -q "$zip" -d "$work"
(cd "$work" && exec "$RIE" --runtime-interface-emulator-address "127.0.0.1:$port" ./bootstrap) >"$work/rie.log" 2>&1 &
rie=$!
bootstrap=""
stop() {
  [ -z "$bootstrap" ] || kill "$bootstrap" 2>/dev/null || true
  kill "$rie" 2>/dev/null || true
}
trap stop EXIT
for _ in $(seq 1 500); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.01
done

url="http://127.0.0.1:$port/2015-03-31/functions/function/invocations"
# Milliseconds one invoke of the sample takes; the answer goes to $1.
invoke() {
  local start end
  start=$(date +%s%N)
  curl -sS --max-time 60 -o "$1" -H 'content-type: application/json' --data-binary "@$event" "$url"
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
cold=$(invoke "$work/cold.json")
warm=$(invoke "$work/warm.json")

bootstrap=$(pgrep -P "$rie" | head -n 1 || true)
rss="?"
if [ -n "$bootstrap" ] && [ -r "/proc/$bootstrap/status" ]; then
  rss=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$bootstrap/status")
else
  echo "::warning::$fn: no bootstrap process under the emulator to read its RSS from"
fi
size=$(du -k "$zip" | awk '{ printf "%.1f", $1 / 1024 }')

result=ok
for answer in "$work/cold.json" "$work/warm.json"; do
  echo "$fn answered: $(cat "$answer")"
  if ! jq -e 'type == "object"' "$answer" >/dev/null 2>&1; then
    result="error: not a JSON object"
  elif jq -e 'has("errorType") or has("errorMessage")' "$answer" >/dev/null; then
    result="error: $(jq -r '"\(.errorType): \(.errorMessage)"' "$answer" | head -c 160)"
  elif ! jq -e "$expect" "$answer" >/dev/null; then
    result="error: the answer does not satisfy $expect"
  fi
  [ "$result" = ok ] || break
done

printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$fn" "${event#events/}" "$cold" "$warm" "$rss" "$size" "${result//|/\\|}" >>"$row"
if [ "$result" != ok ]; then
  echo "::error::$fn: $result"
  echo "--- emulator and function log"
  cat "$work/rie.log"
  exit 1
fi
