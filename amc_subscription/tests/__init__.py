from . import test_feature_gate, test_trial
