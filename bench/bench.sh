#!/usr/bin/env bash
# Benchmark: moodle-migrate against pgloader's data-only recipe, on the local MariaDB and
# PostgreSQL, with the real Moodle fixture and with the demo site at a larger scale.
# Run by hand (never from the tests): bench/bench.sh [--scale N] [--runs N]
# Needs: the built jar (mvn -q package -DskipTests), mysql and psql clients, pgloader
# (apt-get install pgloader), ../shared/fixtures. Prints a Markdown table; keeps logs in
# bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE=20
RUNS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

FIXTURES="${MM_FIXTURES:-../shared/fixtures}"
JAR=target/moodle-migrate.jar
OUT=bench/results/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
PARALLELISM=$(nproc)
[ "$PARALLELISM" -lt 2 ] && PARALLELISM=2

for tool in mysql psql pgloader; do
  command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 2; }
done
[ -f "$JAR" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }

my() { mysql -h 127.0.0.1 -u root "$@"; }
pg() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q "$@"; }

SRC_FIX=mmb_fixture_src
SRC_DEMO=mmb_demo_src
TGT=mmb_tgt
TEMPLATE_FIX=mmb_fixture_schema
TEMPLATE_DEMO=mmb_demo_schema

cleanup() {
  my -e "DROP DATABASE IF EXISTS $SRC_FIX; DROP DATABASE IF EXISTS $SRC_DEMO" || true
  for db in $TGT $TEMPLATE_FIX $TEMPLATE_DEMO; do pg -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true; done
}
trap cleanup EXIT
cleanup

echo "preparing the fixture source and schema template..." >&2
my -e "CREATE DATABASE $SRC_FIX"
zcat "$FIXTURES/moodle45_mariadb_xs.sql.gz" | my "$SRC_FIX"
pg -d postgres -c "CREATE DATABASE $TEMPLATE_FIX"
zcat "$FIXTURES/moodle45_pg_schema.sql.gz" | pg -d "$TEMPLATE_FIX" >/dev/null

echo "preparing the demo site at scale $SCALE..." >&2
my -e "CREATE DATABASE $SRC_DEMO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
pg -d postgres -c "CREATE DATABASE $TEMPLATE_DEMO"
java -cp "$JAR" org.moodlemigrate.demo.DemoSiteMain \
  "jdbc:mysql://127.0.0.1:3306/$SRC_DEMO?user=root&sslMode=DISABLED&allowPublicKeyRetrieval=true" \
  "jdbc:postgresql://127.0.0.1:5432/$TEMPLATE_DEMO?user=postgres" "$SCALE"
# Fresh statistics, as a production site has them (InnoDB's row estimates decide the chunking).
for t in $(my -N -e "SELECT table_name FROM information_schema.tables WHERE table_schema = '$SRC_DEMO'"); do
  my "$SRC_DEMO" -e "ANALYZE TABLE \`$t\`" >/dev/null
done

rows_of() {
  local total=0; for t in $(my -N -e "SELECT table_name FROM information_schema.tables WHERE table_schema = '$1'"); do
    total=$((total + $(my -N "$1" -e "SELECT COUNT(*) FROM \`$t\`"))); done; echo "$total"; }

fresh_target() { pg -d postgres -c "DROP DATABASE IF EXISTS $TGT WITH (FORCE)" -c "CREATE DATABASE $TGT TEMPLATE $1"; }

# measure LABEL LOGFILE COMMAND...: prints "wall_seconds max_rss_kb exit"
measure() {
  local log="$1"; shift
  /usr/bin/time -f "%e %M %x" -o "$log.time" "$@" >"$log" 2>&1 || true
  tail -n 1 "$log.time"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

results=()
for dataset in fixture demo; do
  if [ "$dataset" = fixture ]; then src=$SRC_FIX; template=$TEMPLATE_FIX; else src=$SRC_DEMO; template=$TEMPLATE_DEMO; fi
  rows=$(rows_of "$src")
  # "moodle-migrate" is a run as an administrator runs it, with its default proof: the copy digest
  # (both servers digest every chunk's rows before it commits) and exact counts at the end.
  # "no-digest" is the same run with --no-copy-digest (counts only), to show what the digest
  # costs. "verify" is moodle-migrate's checksum verification of the target the last run left:
  # every value of every row read on both sides and compared.
  for tool in moodle-migrate no-digest verify pgloader; do
    walls=(); rss=(); status=ok
    for run in $(seq 1 "$RUNS"); do
      [ "$tool" = verify ] || fresh_target "$template"
      log="$OUT/$dataset-$tool-$run.log"
      if [ "$tool" = moodle-migrate ]; then
        m=$(measure "$log" bin/moodle-migrate run --source "mysql://root@127.0.0.1:3306/$src" \
              --target "postgresql://postgres@127.0.0.1:5432/$TGT" --parallelism "$PARALLELISM")
      elif [ "$tool" = no-digest ]; then
        m=$(measure "$log" bin/moodle-migrate run --source "mysql://root@127.0.0.1:3306/$src" \
              --target "postgresql://postgres@127.0.0.1:5432/$TGT" --parallelism "$PARALLELISM" \
              --no-copy-digest)
      elif [ "$tool" = verify ]; then
        m=$(measure "$log" bin/moodle-migrate verify --source "mysql://root@127.0.0.1:3306/$src" \
              --target "postgresql://postgres@127.0.0.1:5432/$TGT" --parallelism "$PARALLELISM" \
              --verify checksums)
      else
        sed -e "s/@SOURCE@/$src/g" -e "s/@TARGET@/$TGT/g" -e "s/@WORKERS@/$PARALLELISM/g" \
          bench/pgloader-dataonly.load.template > "$OUT/$dataset.load"
        m=$(measure "$log" pgloader "$OUT/$dataset.load")
      fi
      read -r wall maxrss code <<<"$m"
      [ "$code" = 0 ] || status="exit $code"
      copied=$(pg -d "$TGT" -At -c "SELECT sum(n_live_tup) FROM pg_stat_user_tables WHERE schemaname = 'public'" 2>/dev/null || echo "?")
      walls+=("$wall"); rss+=("$maxrss")
      echo "$dataset $tool run $run: ${wall}s, max RSS ${maxrss} KB, exit $code" >&2
    done
    w=$(printf '%s\n' "${walls[@]}" | median)
    r=$(printf '%s\n' "${rss[@]}" | median)
    rps=$(awk -v r="$rows" -v w="$w" 'BEGIN { printf "%.0f", (w > 0 ? r / w : 0) }')
    results+=("| $dataset | $rows | $tool | $w | $rps | $((r / 1024)) | $status |")
  done
done

{
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(my -N -e 'SELECT VERSION()'); $(pg -d postgres -At -c 'SHOW server_version');"
  echo "$(java -version 2>&1 | head -n 1); $(pgloader --version | head -n 1); parallelism/workers $PARALLELISM; median of $RUNS runs."
  echo
  echo "| dataset | rows | tool | wall s | rows/s | max RSS MB | status |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${results[@]}"
} | tee "$OUT/summary.md"
