"""Command line: ``python -m tfschema {ensure,validate,test,check,schema}``.

  ensure [--profile P ...]        build every (or the named) profile: wheels, schemas, stubs, mirror
  validate DIR... [--profile P]   terraform init + validate each DIR against the profile(s)
  test DIR... [--profile P]       terraform init + test each module DIR
  check DIR... [--profile P]      every resource/data type declared under DIR is in the schemas
  schema PROVIDER [--profile P]   print the path of the schema JSON the profile uses for PROVIDER
  env [--profile P]               print the TF_CLI_CONFIG_FILE line to use terraform by hand
"""

from __future__ import annotations

import argparse
import sys
import time

from tfschema import harness


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tfschema", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["ensure", "validate", "test", "check", "schema", "env"])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--profile", action="append", choices=sorted(harness.PROFILES),
                        help="repeatable; default: every profile")
    args = parser.parse_args(argv)
    profiles = args.profile or list(harness.PROFILES)
    status = 0
    for name in profiles:
        started = time.monotonic()
        profile = harness.ensure_profile(name)
        if args.command == "ensure":
            print(f"{name}: ready in {time.monotonic() - started:.1f}s ({profile.cli_config})")
        elif args.command == "env":
            print(f"export TF_CLI_CONFIG_FILE={profile.cli_config}  # {name}")
        elif args.command == "schema":
            for provider in args.paths:
                print(f"{name} {provider}: {profile.schema_files.get(provider, 'no schema in this profile')}")
        elif args.command == "check":
            try:
                harness.check_types_present(profile, harness.emitted_resource_types(args.paths))
                print(f"{name}: all declared types present")
            except harness.SchemaGap as gap:
                print(gap)
                status = 1
        else:
            run = harness.validate_dir if args.command == "validate" else harness.test_module
            for path in args.paths:
                result = run(path, profile)
                print(f"== {path} [{name}] {'ok' if result.ok else 'FAILED'}\n{result.output}")
                status |= 0 if result.ok else 1
    return status


if __name__ == "__main__":
    sys.exit(main())
