import type { ChatMessage, ChatTool } from 'switchyard';

export const hi: ChatMessage[] = [{ role: 'user', content: 'hi' }];

export const weatherTool: ChatTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
