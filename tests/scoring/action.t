# SECURITY ACTION readiness on the shipped diag-office set (format: see
# basic.t). One star: the five sa questions answered "done". Two stars:
# one star, all 25 self-check topics answered (any answer: "don't know" and
# na are answers of the self-check too), and the policy written and
# published (both "done").

# Everything done: both stars ready; the self-check sum is 25 x 4.
diag-office.yaml
*=done
one_star ready
two_star ready
selfcheck 100
overall 100.0 A
completed yes

# One principle only partly: one star is missing, so two stars are too.
diag-office.yaml
*=done basics-2=partly
one_star missing sa-2:basics-2:not-done
two_star missing one-star:one-star-not-ready

# "Don't know" on a self-check topic answers it (it is listed to check
# next time); the policy is not published.
diag-office.yaml
*=done internet-2=unknown ownership-4=no
one_star ready
two_star missing policy-published:ownership-4:not-done
unknown internet-2

# Self-check topics answered "no", "partly" and "don't know": two stars
# need them answered, not done.
diag-office.yaml
*=done internet-1=no internet-2=unknown facilities-1=partly disposal-1=unknown
one_star ready
two_star ready
selfcheck 84

# A skipped topic is not answered; the assessment stays in progress.
diag-office.yaml
*=done basics-7=
two_star missing selfcheck-7:basics-7:unanswered
completed no

# na answers a self-check topic.
diag-office.yaml
*=done facilities-1=na
two_star ready

# The policy only partly written.
diag-office.yaml
*=done ownership-3=partly
two_star missing policy-written:ownership-3:not-done

# All unknown: the self-check sum is at its lowest, scores are 0.
diag-office.yaml
*=unknown
selfcheck -25
overall 0.0 D
one_star missing sa-1:basics-1:unknown sa-2:basics-2:unknown sa-3:basics-3:unknown sa-4:basics-4:unknown sa-5:basics-5:unknown
