#!/usr/bin/env bash
# Deploys Pictor to AWS with the CDK app in cdk/, removes it, or only writes its CloudFormation template.
#
#   deployment/deploy-serverless-image-processor.sh --deploy    build, ask (or read config.env), deploy
#   deployment/deploy-serverless-image-processor.sh --synth     build and write the template; no AWS needed
#   deployment/deploy-serverless-image-processor.sh --destroy   remove everything but the source bucket
#
# Options (each also a line KEY=value in config.env at the repository's root, which --deploy keeps up to date):
#   --yes                      ask nothing: answers come from flags, config.env and the defaults
#   --config FILE              another config.env
#   --api true|false           API_ENABLED: the REST API behind API Gateway (default false)
#   --api-key true|false       API_KEY: the API wants an API key (default true)
#   --cors true|false          CORS_ENABLED (default false)
#   --cors-origin ORIGIN       CORS_ORIGIN (default *)
#   --metadata true|false      METADATA_ENABLED: image metadata in DynamoDB (default false)
#   --log-retention DAYS       LOG_RETENTION_DAYS (default 30)
#   --architecture x86_64|arm64 ARCHITECTURE (default x86_64)
#   --memory MB                MEMORY_MB (default 1769, one vCPU)
#   --signing true|false       SIGNING_ENABLED: only signed URLs, keys in Secrets Manager (default false)
#   --auto-format true|false   AUTO_FORMAT: AVIF/WebP by Accept (default true)
#   --stack-name NAME          STACK_NAME (default Pictor)
#   --profile NAME, --region R the AWS CLI profile and region to deploy with
#   --no-build                 use the Lambda packages already built
set -euo pipefail

readonly CDK_CLI_VERSION=2.1148.1
top="$(cd "$(dirname "$0")/.." && pwd)"
config="$top/config.env"
action=""
assume_yes=false
build=true
declare -A flags=()

usage() {
  sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'
  exit "${1:-0}"
}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --deploy|--destroy|--synth) action="${1#--}" ;;
    --yes|-y) assume_yes=true ;;
    --no-build) build=false ;;
    --config) config="$2"; shift ;;
    --api) flags[API_ENABLED]="$2"; shift ;;
    --api-key) flags[API_KEY]="$2"; shift ;;
    --cors) flags[CORS_ENABLED]="$2"; shift ;;
    --cors-origin) flags[CORS_ORIGIN]="$2"; shift ;;
    --metadata) flags[METADATA_ENABLED]="$2"; shift ;;
    --log-retention) flags[LOG_RETENTION_DAYS]="$2"; shift ;;
    --architecture) flags[ARCHITECTURE]="$2"; shift ;;
    --memory) flags[MEMORY_MB]="$2"; shift ;;
    --signing) flags[SIGNING_ENABLED]="$2"; shift ;;
    --auto-format) flags[AUTO_FORMAT]="$2"; shift ;;
    --stack-name) flags[STACK_NAME]="$2"; shift ;;
    --profile) export AWS_PROFILE="$2"; shift ;;
    --region) export AWS_REGION="$2" AWS_DEFAULT_REGION="$2"; shift ;;
    -h|--help) usage 0 ;;
    *) printf 'unknown option %s\n\n' "$1" >&2; usage 2 ;;
  esac
  shift
done
[ -n "$action" ] || usage 2
# Without a terminal there is nobody to ask.
[ -t 0 ] || assume_yes=true

# The answers: defaults, then config.env, then flags.
declare -A answers=(
  [STACK_NAME]=Pictor [ARCHITECTURE]=x86_64 [MEMORY_MB]=1769 [API_ENABLED]=false [API_KEY]=true
  [CORS_ENABLED]=false [CORS_ORIGIN]='*' [METADATA_ENABLED]=false [LOG_RETENTION_DAYS]=30
  [SIGNING_ENABLED]=false [AUTO_FORMAT]=true
)
if [ -f "$config" ]; then
  while IFS='=' read -r key value; do
    case "$key" in ''|'#'*) continue ;; esac
    value="${value%\"}"; value="${value#\"}"; value="${value%\'}"; value="${value#\'}"
    answers[$key]="$value"
  done < "$config"
fi
for key in "${!flags[@]}"; do answers[$key]="${flags[$key]}"; done

ask_bool() {  # KEY question
  local key=$1 question=$2 default reply
  default=${answers[$key]}
  if ! $assume_yes && [ -z "${flags[$key]:-}" ]; then
    read -r -p "$question [$( [ "$default" = true ] && echo Y/n || echo y/N )] " reply
    case "$reply" in [Yy]*) answers[$key]=true ;; [Nn]*) answers[$key]=false ;; esac
  fi
}

ask_value() {  # KEY question
  local key=$1 question=$2 reply
  if ! $assume_yes && [ -z "${flags[$key]:-}" ]; then
    read -r -p "$question [${answers[$key]}] " reply
    [ -z "$reply" ] || answers[$key]="$reply"
  fi
}

check_prerequisites() {
  say "Checking prerequisites"
  # shellcheck source=bin/jdk.sh
  . "$top/bin/jdk.sh"
  command -v mvn >/dev/null || fail "Maven is missing: install Maven 3.8 or newer (apt-get install maven)"
  command -v node >/dev/null || fail "Node.js is missing: the CDK CLI and the CDK library need it (18 or newer)"
  command -v npx >/dev/null || fail "npx is missing: install npm, which brings it"
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$node_major" -ge 18 ] || fail "Node.js $(node -v) is too old: the CDK needs 18 or newer"
  if [ "$action" != synth ]; then
    command -v aws >/dev/null || fail "the AWS CLI is missing: install it and run 'aws configure'"
    aws sts get-caller-identity --query Account --output text >/dev/null 2>&1 \
      || fail "no AWS credentials: run 'aws configure' (or pass --profile), then try again"
    CDK_DEFAULT_ACCOUNT=$(aws sts get-caller-identity --query Account --output text)
    CDK_DEFAULT_REGION=${AWS_REGION:-$(aws configure get region || true)}
    [ -n "$CDK_DEFAULT_REGION" ] || fail "no AWS region: pass --region or run 'aws configure set region ...'"
    export CDK_DEFAULT_ACCOUNT CDK_DEFAULT_REGION
    say "Account $CDK_DEFAULT_ACCOUNT, region $CDK_DEFAULT_REGION"
  fi
}

cdk() {
  (cd "$top/cdk" && npx --yes "aws-cdk@$CDK_CLI_VERSION" "$@")
}

write_config() {
  {
    echo "# Pictor deployment options, written by deployment/deploy-serverless-image-processor.sh"
    for key in STACK_NAME ARCHITECTURE MEMORY_MB API_ENABLED API_KEY CORS_ENABLED CORS_ORIGIN METADATA_ENABLED \
        LOG_RETENTION_DAYS SIGNING_ENABLED AUTO_FORMAT; do
      echo "$key=${answers[$key]}"
    done
  } > "$config"
}

context_args() {
  for key in "${!answers[@]}"; do
    printf '%s\n' -c "$key=${answers[$key]}"
  done
}

build_packages() {
  if $build; then
    say "Building the Lambda packages (lambda-zip/target/pictor-lambda-*.zip)"
    (cd "$top" && mvn -q -B -DskipTests -pl lambda-zip -am package)
  fi
  local arch=${answers[ARCHITECTURE]/arm64/aarch64}
  [ -f "$top/lambda-zip/target/pictor-lambda-$arch.zip" ] \
    || fail "lambda-zip/target/pictor-lambda-$arch.zip is missing: run without --no-build"
}

bootstrap_if_needed() {
  if aws cloudformation describe-stacks --stack-name CDKToolkit >/dev/null 2>&1; then
    return
  fi
  say "This account and region are not bootstrapped for the CDK yet"
  if ! $assume_yes; then
    local reply
    read -r -p "Run 'cdk bootstrap aws://$CDK_DEFAULT_ACCOUNT/$CDK_DEFAULT_REGION' now? [Y/n] " reply
    case "$reply" in [Nn]*) fail "the stack cannot be deployed into an account that is not bootstrapped" ;; esac
  fi
  cdk bootstrap "aws://$CDK_DEFAULT_ACCOUNT/$CDK_DEFAULT_REGION"
}

case "$action" in
  synth)
    check_prerequisites
    build_packages
    say "Synthesising the stack (no AWS account needed)"
    mapfile -t context < <(context_args)
    cdk synth --quiet --no-notices "${context[@]}"
    say "Template: cdk/cdk.out/${answers[STACK_NAME]}.template.json"
    ;;
  deploy)
    check_prerequisites
    ask_bool API_ENABLED "Enable the REST API (API Gateway) for uploads, transforms and metadata?"
    if [ "${answers[API_ENABLED]}" = true ]; then
      ask_bool API_KEY "Require an API key to call it?"
    fi
    ask_bool CORS_ENABLED "Enable CORS (pages on other origins read images and call the API)?"
    if [ "${answers[CORS_ENABLED]}" = true ]; then
      ask_value CORS_ORIGIN "CORS origin"
    fi
    ask_bool METADATA_ENABLED "Record image metadata in DynamoDB?"
    ask_value LOG_RETENTION_DAYS "Log retention in days"
    write_config
    say "Options saved in $config"
    build_packages
    bootstrap_if_needed
    say "Deploying stack ${answers[STACK_NAME]} (CloudFront takes a few minutes)"
    mapfile -t context < <(context_args)
    approval=broadening
    $assume_yes && approval=never
    cdk deploy --no-notices --require-approval "$approval" --outputs-file "$top/cdk/outputs.json" "${context[@]}"
    domain=$(node -p "Object.values(require('$top/cdk/outputs.json'))[0].CloudFrontDomain")
    source_bucket=$(node -p "Object.values(require('$top/cdk/outputs.json'))[0].SourceBucketOutput")
    say "Done. Outputs are in cdk/outputs.json"
    echo "  Images:   https://$domain/<key>?width=300  or  https://$domain/300x200/<key>"
    echo "  Upload:   aws s3 cp photo.jpg s3://$source_bucket/uploads/  ->  https://$domain/processed/photo-thumb.jpg"
    ;;
  destroy)
    check_prerequisites
    if ! $assume_yes; then
      read -r -p "Remove stack ${answers[STACK_NAME]} (the source bucket and its originals are kept)? [y/N] " reply
      case "$reply" in [Yy]*) ;; *) fail "nothing removed" ;; esac
    fi
    build=false
    mapfile -t context < <(context_args)
    # The app is synthesised to know what to remove; it needs a package to point at, even an old one.
    if ! ls "$top"/lambda-zip/target/pictor-lambda-*.zip >/dev/null 2>&1; then
      (cd "$top" && mvn -q -B -DskipTests -pl lambda-zip -am package)
    fi
    cdk destroy --force --no-notices "${context[@]}"
    say "Removed. The source bucket stays, with every original in it (delete it in the S3 console when you want)."
    ;;
esac
