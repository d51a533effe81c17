SYSTEM = '''
<think>
Reason step by step.
</think>
'''
