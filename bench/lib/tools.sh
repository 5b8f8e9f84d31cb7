# shellcheck shell=bash
# bench_need TOOL...: makes sure the Debian tools a benchmark needs are there before any work starts. Missing ones are
# installed with apt-get when running as root (as the portal's browser test installs Chromium); otherwise the script
# stops at once with the one command that installs them.
bench_package() {
  case "$1" in
    wrk) echo wrk ;;
    redis-benchmark|redis-cli) echo redis-tools ;;
    pgbench|psql) echo postgresql-client ;;
    ss) echo iproute2 ;;
    *) echo "$1" ;;
  esac
}

bench_need() {
  local missing=() pkgs=() t p
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 && continue
    missing+=("$t")
    p=$(bench_package "$t")
    case " ${pkgs[*]} " in *" $p "*) ;; *) pkgs+=("$p") ;; esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local me; me=$(basename "$0")
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "$me needs ${missing[*]}, which this machine does not have. Install them, then run $me again:" >&2
    echo "    sudo apt-get install -y ${pkgs[*]}" >&2
    exit 1
  fi
  echo "==> $me needs ${missing[*]}: installing Debian's ${pkgs[*]}"
  local log; log=$(mktemp)
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}" >"$log" 2>&1; then
    # a fresh machine may have no package lists yet
    DEBIAN_FRONTEND=noninteractive apt-get update -q >>"$log" 2>&1 || true
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}" >>"$log" 2>&1; then
      tail -n 20 "$log" >&2
      echo "$me: apt-get install ${pkgs[*]} failed (its output above); install them by hand, then run $me again." >&2
      rm -f "$log"
      exit 1
    fi
  fi
  rm -f "$log"
  for t in "${missing[@]}"; do
    command -v "$t" >/dev/null 2>&1 || { echo "$me: $t is still missing after installing ${pkgs[*]}" >&2; exit 1; }
  done
}

# bench_store_pid PORT: the pid of the process listening on that local port (a store of the devstack), empty if none.
bench_store_pid() { ss -ltnpH "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1; }

# bench_cart_requests DIR KEYCLOAK: the add-to-cart load of bench/run and bench/profile, from DIR/variants (variant ids
# with stock, one per line). Fetches a token for each of the realm's 100 load buyers (load001..load100) into DIR/users
# (token, subject) and writes DIR/pairs (token, bare cart, variant: consecutive requests hit different buyers, a pair
# comes round once per 100 × 100), DIR/add.tsv (the service's POST /api/v1/cart/items) and DIR/add-bare.tsv (the same
# Redis call through the bare endpoint) for bench/lib/OpenLoad.java.
bench_cart_requests() {
  local dir=$1 keycloak=$2 i user token sub v
  for i in $(seq 1 100); do
    user=$(printf 'load%03d' "$i")
    token=$(curl -fsS -d grant_type=password -d client_id=bazaar-web -d "username=$user" -d "password=$user" \
      "$keycloak/realms/bazaar/protocol/openid-connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
    sub=$(python3 -c 'import base64,json,sys; p=sys.argv[1].split(".")[1]; print(json.loads(base64.urlsafe_b64decode(p+"="*(-len(p)%4)))["sub"])' "$token")
    printf '%s\t%s\n' "$token" "$sub"
  done > "$dir/users"
  head -n 100 "$dir/variants" | while read -r v; do
    while IFS=$'\t' read -r token sub; do printf '%s\tbench-bare-%s\t%s\n' "$token" "$sub" "$v"; done < "$dir/users"
  done > "$dir/pairs"
  awk -F'\t' '{printf "POST\t/api/v1/cart/items\t%s\t{\"variantId\":\"%s\",\"quantity\":1}\n", $1, $3}' "$dir/pairs" \
    > "$dir/add.tsv"
  awk -F'\t' '{printf "POST\t/bench/bare/add?cart=%s&variant=%s\t\t\n", $2, $3}' "$dir/pairs" > "$dir/add-bare.tsv"
}
