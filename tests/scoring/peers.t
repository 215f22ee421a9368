# Comparison cases (format: see basic.t). Peers are the other companies'
# latest completed assessments of the same set; the company itself never
# counts. peers.min is 5 unless set.

# Four peers of the same industry: just below peers.min, nothing else.
small.yaml
*=done
peer E*4 *=no
comparison none 4
category basics 100.0 A cmp -
overall 100.0 A cmp -

# Five peers: at peers.min. The company's own 100 is not in the mean.
small.yaml
*=done
peer E*5 *=no
comparison industry 5
category basics 100.0 A cmp 0.0 n 5
category rules 100.0 A cmp 0.0 n 5
overall 100.0 A cmp 0.0

# peers.min from the config.
small.yaml
*=done
peers.min 3
peer E*3 *=partly
comparison industry 3
category office 100.0 A cmp 50.0 n 3

# Too few in the industry, no reference: all industries (4 + 5 = 9).
# basics 60.0 B is below the comparison 100.0: weak, priorities x1.5.
small.yaml
basics-1=done basics-2=done basics-3=done basics-4=no basics-5=no rules-1=done rules-2=done office-1=done office-2=done
peer E*4 *=done
peer F*5 *=done
comparison all 9
category basics 60.0 B cmp 100.0 n 9 weak yes
category rules 100.0 A cmp 100.0 weak no
priorities basics-5:6.0 basics-4:3.0

# Mixed industries in the all-industries mean: (4 x 100 + 5 x 0) / 9.
small.yaml
*=partly
peer E*4 *=done
peer F*5 *=no
comparison all 9
category basics 50.0 C cmp 44.4 n 9

# Too few in the industry, a reference exists: it wins over all
# industries. Categories without a reference row have no comparison.
small.yaml
*=done basics-5=no
peer E*4 *=done
peer F*5 *=done
ref E basics 85.0 120 IPA survey 2024
ref E overall 60.0 120 IPA survey 2024
comparison reference 120 IPA survey 2024
category basics 80.0 A cmp 85.0 n 120 weak yes
category rules 100.0 A cmp -
overall 88.9 A cmp 60.0
priorities basics-5:6.0

# A reference of another industry does not count: all industries.
small.yaml
*=done
peer E*2 *=done
peer F*3 *=no
ref F basics 50.0 10 other
comparison all 5
category basics 100.0 A cmp 40.0

# Nobody at all.
small.yaml
*=done
comparison none 0
overall 100.0 A cmp -

# A peer's latest completed assessment counts even when it has started a
# newer one.
small.yaml
*=done
peer E*5 *=no / basics-1=done
comparison industry 5
category basics 100.0 A cmp 0.0

# Peers still in progress do not count.
small.yaml
*=done
peer E*5 basics-1=done
comparison none 0

# The company's previous completed assessment, for the radar chart; its
# own assessments are never peers.
small.yaml
*=no / *=done
peer E*5 *=partly
comparison industry 5
category basics 100.0 A cmp 50.0 prev 0.0
overall 100.0 A cmp 50.0 prev 0.0

# An in-progress assessment is scored; the previous is the completed one.
small.yaml
*=done / basics-1=no
completed no
progress 1/9
category basics 0.0 D answered 1/5 prev 100.0

# Each category needs peers.min scores of its own: two peers have no
# office score (all na), so office shows no comparison.
small.yaml
*=done
peer E*3 *=done
peer E*2 *=done office-1=na office-2=na
comparison industry 5
category basics 100.0 A cmp 100.0 n 5
category office 100.0 A cmp -
