#!/bin/sh
# Generates the HMAC test vectors of this directory with OpenSSL, an implementation independent of
# the JDK's javax.crypto.Mac that the SDK uses. OpenSslVectorsTest signs and verifies every row.
#
# Run from this directory:
#   sh generate.sh hmac > openssl-hmac.tsv
#   sh generate.sh standard-webhooks > openssl-standard-webhooks.tsv
# Needs: openssl (1.1 or 3.x), od, tr, cut. Committed output made with OpenSSL 3.0 (Debian 12).
#
# openssl-hmac.tsv columns: digest, key (ASCII, used as its bytes as TikiNOW does), body as hex,
# hex HMAC as printed by `openssl dgst -<digest> -hmac <key> -r`.
# openssl-standard-webhooks.tsv columns: whsec_ secret, webhook-id, webhook-timestamp, body as hex,
# webhook-signature, from `openssl dgst -sha256 -mac HMAC -macopt hexkey:<base64-decoded key>`
# over "<id>.<timestamp>.<body>".
set -eu

KEY1='0123456789abcdef0123456789abcdef'
KEY2='Zx9-kL2.qWeRtYuIoPaSdF_gHjKlZxCv'
KEY3='!"#$&()*+,-./:;<=>?@[]^_`{|}~AbC'

hexof() { od -An -v -tx1 | tr -d ' \n'; }

# hmac_row <digest> <key> <printf format producing the body>
hmac_row() {
  body_hex=$(printf "$3" | hexof)
  sig=$(printf "$3" | openssl dgst "-$1" -hmac "$2" -r | cut -d' ' -f1)
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$body_hex" "$sig"
}

# sw_row <whsec_ secret> <id> <timestamp> <printf format producing the body>
sw_row() {
  key_hex=$(printf '%s' "${1#whsec_}" | openssl base64 -d -A | hexof)
  body_hex=$(printf "$4" | hexof)
  sig=$({ printf '%s.%s.' "$2" "$3"; printf "$4"; } \
    | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key_hex" -binary | openssl base64 -A)
  printf '%s\t%s\t%s\t%s\tv1,%s\n' "$1" "$2" "$3" "$body_hex" "$sig"
}

# The bodies: empty; a TikiNOW stock webhook; Vietnamese text (2- and 3-byte UTF-8); emoji (4-byte
# UTF-8: package, truck, check mark); CRLF line breaks and a trailing newline (what getReader()
# joining loses); bytes that are not UTF-8 at all.
BODIES='
{"data":{"date":"2022-10-26T14:22:46+07:00","sku":"8936","warehouse":"sgn3","qty_salable":147}}
{"data":{"reason":"Kh\303\241ch h\341\272\271n l\341\272\241i ng\303\240y giao"}}
{"note":"\360\237\223\246\360\237\232\232\342\234\205"}
{\r\n  "data": {\r\n    "order_code": "347171821"\r\n  }\r\n}\n
\000\001\177\200\376\377'

case "${1:-}" in
  hmac)
    for digest in sha1 sha256; do
      for key in "$KEY1" "$KEY2" "$KEY3"; do
        hmac_row "$digest" "$key" ''
        printf '%s\n' "$BODIES" | while IFS= read -r body; do
          [ -n "$body" ] && hmac_row "$digest" "$key" "$body"
        done
      done
    done
    ;;
  standard-webhooks)
    sw_row whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw msg_p5jXN8AQM9LWM0D4loKWxJek 1614265330 \
      '{"test": 2432232314}'
    printf '%s\n' "$BODIES" | while IFS= read -r body; do
      [ -n "$body" ] && sw_row whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD msg_2KWPBgLlAfxdpx2AI54pPJ85f4W \
        1700000000 "$body"
    done
    ;;
  *)
    echo "usage: sh generate.sh hmac|standard-webhooks" >&2
    exit 2
    ;;
esac
