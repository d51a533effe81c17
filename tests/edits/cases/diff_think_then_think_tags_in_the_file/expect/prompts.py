SYSTEM = '''
<think>
Reason briefly.
</think>
'''
