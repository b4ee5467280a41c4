from . import test_feature_gate, test_renewal, test_trial
